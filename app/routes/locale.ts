// The language switcher's target: remembers the choice in a cookie and, for a signed-in user, on
// the account. Works without JavaScript (a plain form post and a redirect).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getAuthState } from "~/modules/auth/session.server";
import { setAccountLocale } from "~/modules/auth/account.server";
import { getEnv } from "~/modules/config/env.server";
import { localeCookie } from "~/modules/http/locale.server";
import { safeRedirectPath } from "~/modules/http/redirect";
import { LOCALES } from "~/i18n/locales";

const LocaleForm = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LocaleForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const auth = await getAuthState(request);
  if (auth) await setAccountLocale(auth.user.id, parsed.data.locale);
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": localeCookie(parsed.data.locale, getEnv().APP_URL.startsWith("https://")) },
  });
}

export function loader() {
  return redirect("/");
}
