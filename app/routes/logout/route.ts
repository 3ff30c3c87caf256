// Signing out: POST only (a link or an image cannot sign anyone out); the session row is deleted
// and the browser's cookie blanked.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/modules/auth/login.server";
import { blankSessionCookie, getAuthState } from "~/modules/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuthState(request);
  if (auth) await logout({ sessionId: auth.sessionId, userId: auth.user.id });
  return redirect("/login", { headers: { "Set-Cookie": await blankSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
