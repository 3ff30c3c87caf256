import { Fragment } from "react";

/**
 * Text as it was typed, its line breaks kept as <br>: the CSP refuses inline styles, so a
 * `white-space` style attribute is no option (the .prewrap class is the other way).
 */
export function TypedText({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}
