import type { ChangeEvent } from "react";

/**
 * A fieldset's `onChange` that follows one radio group's choice, so the page can show what that
 * choice needs (a category's questions, a required loss amount). Without JavaScript nothing
 * follows and the server says what is missing.
 */
export function followChoice(name: string, choose: (value: string) => void) {
  return (event: ChangeEvent<HTMLFieldSetElement>) => {
    const input = event.target as unknown as HTMLInputElement;
    if (input.name === name) choose(input.value);
  };
}
