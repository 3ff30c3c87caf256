// Signing in again without losing what was typed (ADR 0018). A case page's form, posted after the
// session ended, is sent here by a 307 (the same body): the page says the person was signed out to
// protect them, asks for the password (and the code, for accounts with two-factor authentication)
// and carries the text in a hidden field — in the browser only. Once signed in, "Back to my text"
// posts it to the original page with `_restore`, which shows it in its box without saving it; with
// JavaScript that post happens by itself. Files cannot be carried (a file input cannot be filled).
import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { attemptLogin, clientAddressOf } from "~/modules/auth/login.server";
import { SignInForm, totpCodeField } from "~/modules/auth/auth.schema";
import { getAuthState, invalidateSession } from "~/modules/auth/session.server";
import { TotpError, verifyLoginCode } from "~/modules/auth/totp.server";
import { readUploadForm, uploadLimits } from "~/modules/hotline/uploads.server";
import { parseForm } from "~/modules/http/forms";
import { formFailure, refusalErrors, type ActionFailure, type FormFailureAnswer } from "~/modules/http/respond.server";
import { explainFailure } from "~/modules/http/explain";
import { localeCookie } from "~/modules/http/locale.server";
import { carriedFrom, returnPath, type Carried } from "~/modules/http/signed-out.server";
import { RESTORE_FIELD } from "~/modules/http/form-names";
import { FormMessage } from "~/components/form";
import { SignInInputs, TotpCodeField } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.signedOut, { noindex: true });

// The page holds the carried text: no cache keeps a copy.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const CodeForm = z.object({ code: totpCodeField });

type Step = "signIn" | "code" | "continue";
/** The shared failure shape (nothing typed is echoed but the email), with the step to show. */
type ActionData = ActionFailure & { step: Step; to: string; carried: Carried };

/**
 * Reached without a post (a bookmark, a reload) there is nothing to carry: the page links to the
 * ordinary sign-in. (It must not redirect: after a post, Remix runs this loader for the same page.)
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const to = returnPath(new URL(request.url));
  return json({ signIn: to === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(to)}` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const to = returnPath(new URL(request.url));
  // The original post may be a message with files: read it within the upload limits, keep the text only.
  const { form } = await readUploadForm(request, await uploadLimits());
  const carried = carriedFrom(form);
  const nothing = { fields: [], hadFiles: false };
  // Every answer is the page again at its step; only the email typed comes back (the carried text
  // is in `carried`, the password never).
  const answer = (step: Step, failure: FormFailureAnswer = {}, email?: string) =>
    formFailure({ values: email === undefined ? {} : { email } }, { intent: null, ...failure, extra: { step, to, carried: carried ?? nothing } });
  if (!carried) return answer("signIn", { formError: "credentials" });
  const step = form.get("_rescue");

  if (step === "signIn") {
    const parsed = parseForm(SignInForm, form);
    if (!parsed.ok) return answer("signIn", { fieldErrors: parsed.fieldErrors }, parsed.values.email ?? "");
    const result = await attemptLogin({ ...parsed.data, clientAddress: clientAddressOf(context) });
    if (result.kind === "invalid") return answer("signIn", { formError: "credentials", init: 401 }, parsed.data.email);
    if (result.kind === "throttled") return answer("signIn", { formError: "throttled", detail: { minutes: result.minutes }, init: 429 }, parsed.data.email);
    // As /login does: whatever session the browser still had ends; the new one starts clean.
    const previous = await getAuthState(request);
    if (previous) await invalidateSession(previous.sessionId);
    const headers = new Headers();
    headers.append("Set-Cookie", result.cookie);
    if (result.locale) headers.append("Set-Cookie", localeCookie(result.locale));
    return answer(result.needsTotp ? "code" : "continue", { init: { status: 200, headers } });
  }

  if (step === "code") {
    const auth = await getAuthState(request);
    if (!auth) return answer("signIn", { init: 401 });
    const parsed = parseForm(CodeForm, form);
    if (!parsed.ok) return answer("code", { fieldErrors: parsed.fieldErrors });
    try {
      await verifyLoginCode(auth, parsed.data.code);
    } catch (e) {
      if (!(e instanceof TotpError)) throw e;
      if (e.code === "throttled") return answer("code", { ...refusalErrors(e), init: 429 });
      if (e.code !== "notEnrolled") return answer("code", { formError: "invalid", init: 401 });
    }
    return answer("continue", { init: 200 });
  }

  // The original post, sent on here by its page: ask to sign in again (a page like any other, 200).
  return answer("signIn", { init: 200 });
}

function Carry({ carried }: { carried: Carried }) {
  return <input type="hidden" name="_carried" value={JSON.stringify(carried)} />;
}

export default function SignedOut() {
  const data = useActionData<typeof action>() as ActionData | undefined;
  const { signIn } = useLoaderData<typeof loader>();
  const m = useMessages();
  const s = m.forms.signedOut;
  const navigation = useNavigation();
  const back = useRef<HTMLFormElement>(null);
  const step = data?.step;
  // With JavaScript the text goes straight back to its page; without, one click does it.
  useEffect(() => {
    if (step === "continue") back.current?.requestSubmit();
  }, [step]);
  if (!data) {
    return (
      <div className="narrow stack">
        <h1>{s.title}</h1>
        <p>{s.nothingCarried}</p>
        <p>
          <Link to={signIn}>{m.auth.login.submit}</Link>
        </p>
      </div>
    );
  }
  const busy = navigation.state !== "idle";
  if (data.step === "continue") {
    return (
      <div className="narrow stack">
        <h1>{s.continueTitle}</h1>
        <p>{s.continueIntro}</p>
        {data.carried.hadFiles ? <FormMessage kind="info">{s.filesAgain}</FormMessage> : null}
        <Form method="post" action={data.to} ref={back}>
          <input type="hidden" name={RESTORE_FIELD} value="1" />
          {data.carried.fields.map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" disabled={busy} autoFocus>
            {s.continue}
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <h1>{s.title}</h1>
      <p>{s.intro}</p>
      {data.carried.hadFiles ? <FormMessage kind="info">{s.filesAgain}</FormMessage> : null}
      {data.formError ? <FormMessage kind="error">{explainFailure(m, data, m.auth.errors)}</FormMessage> : null}
      {data.step === "code" ? (
        <Form method="post" className="form" noValidate>
          <p className="muted">{s.codeIntro}</p>
          <input type="hidden" name="_rescue" value="code" />
          <Carry carried={data.carried} />
          <TotpCodeField error={data.fieldErrors?.code} autoFocus />
          <button type="submit" disabled={busy}>
            {s.codeSubmit}
          </button>
        </Form>
      ) : (
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="_rescue" value="signIn" />
          <Carry carried={data.carried} />
          <SignInInputs email={data.values.email ?? ""} errors={data.fieldErrors ?? {}} autoFocus />
          <button type="submit" disabled={busy}>
            {s.signIn}
          </button>
        </Form>
      )}
    </div>
  );
}
