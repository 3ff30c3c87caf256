// The language switcher's target: remembers the choice in a cookie and, for a signed-in user, on
// the account. Works without JavaScript (a plain form post and a redirect).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getAuthState } from "~/modules/auth/session.server";
import { setAccountLocale } from "~/modules/auth/account.server";
import { localeCookie, resolveLocale } from "~/modules/http/locale.server";
import { plainStatusResponse } from "~/modules/http/status-page.server";
import { safeRedirectPath } from "~/modules/http/redirect";
import { headerSafePath } from "~/modules/http/header-safe";
import { LOCALES } from "~/i18n/locales";

const LocaleForm = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  // A body that is no form, like a wrong field, is the visitor's mistake: a 400 page in their language.
  const form = await request.formData().catch(() => null);
  const parsed = LocaleForm.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) throw plainStatusResponse(400, resolveLocale(request));
  const auth = await getAuthState(request);
  if (auth) await setAccountLocale({ userId: auth.user.id, locale: parsed.data.locale });
  return redirect(headerSafePath(safeRedirectPath(parsed.data.redirectTo)), {
    headers: { "Set-Cookie": localeCookie(parsed.data.locale) },
  });
}

export function loader() {
  return redirect("/");
}
