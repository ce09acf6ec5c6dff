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
    location.assign(url);
  },
  postForm(url, fields) {
    // In document.body, not the shadow root: a form must be in the document to submit, and the
    // ACS expects an ordinary top-level POST navigation.
    const form = document.createElement('form');
    form.method = 'post';
    form.action = url;
    form.hidden = true;
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
