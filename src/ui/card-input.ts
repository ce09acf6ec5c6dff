import { cardDigits, cardMaxLength, groupCardNumber } from '../contract/card-rules.ts';

/** A card number as edited: its digits, what the input shows, and where the caret goes. */
export interface CardNumberEdit {
  digits: string;
  shown: string;
  caret: number;
}

/** The position just after the `count`-th digit of `text` (0 before the first). */
export function caretAfterDigits(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (/\d/.test(text[index] as string) && ++seen === count) return index + 1;
  }
  return text.length;
}

/**
 * Regroups a card number after an input event (design §2 "Card forms": grouped as typed, 4-4-4-4, Amex
 * 4-6-5), keeping the caret after the same digit. Deleting only a group's space deletes the digit
 * beside it, so Backspace never sticks at a group boundary.
 */
export function editCardNumber(
  typed: string,
  caret: number,
  previousDigits: string,
  inputType = '',
): CardNumberEdit {
  let before = cardDigits(typed.slice(0, caret)).length;
  let digits = cardDigits(typed);
  if (digits === previousDigits && inputType === 'deleteContentBackward' && before > 0) {
    digits = digits.slice(0, before - 1) + digits.slice(before);
    before -= 1;
  } else if (digits === previousDigits && inputType === 'deleteContentForward') {
    digits = digits.slice(0, before) + digits.slice(before + 1);
  }
  digits = digits.slice(0, cardMaxLength(digits));
  const shown = groupCardNumber(digits);
  return { digits, shown, caret: caretAfterDigits(shown, Math.min(before, digits.length)) };
}
