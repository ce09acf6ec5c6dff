/** Page navigations the action dispatcher performs; injectable so the machine is testable without a DOM. */
export interface Navigator {
  /** Full-page redirect (`redirect` action without `popup`). */
  assign(url: string): void;
  /** Submits a real form POST from the light DOM (`form-post`, e.g. 3-D Secure PaReq/MD/TermUrl). */
  postForm(url: string, fields: Record<string, string>): void;
}

/** The browser implementation. */
export const browserNavigator: Navigator = {
  assign(url) {
    // Inside a frame a provider's page (hosted card page, bank, paysafecard) opens in the top window,
    // as the form post does: such pages refuse to be framed, and the shopper comes back top-level.
    if (isFramed()) window.open(url, '_top');
    else location.assign(url);
  },
  postForm(url, fields) {
    // In document.body, not the shadow root: a form must be in the document to submit, and the
    // ACS expects an ordinary top-level POST navigation.
    const form = document.createElement('form');
    form.method = 'post';
    form.action = url;
    form.hidden = true;
    // Inside a frame (even a cross-origin one) the POST must still reach the top window: the ACS is a
    // top-level page, and the TermUrl return lands there (design §3 "Odeon cards"). The Pay click
    // gave the frame the user activation browsers require for a cross-origin frame to navigate the top.
    if (isFramed()) form.target = '_top';
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  },
};

/** True when the widget's page runs inside a frame; a frame whose top cannot even be compared counts as one. */
export function isFramed(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}
