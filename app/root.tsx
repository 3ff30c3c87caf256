import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { getAuthState } from "./modules/auth/session.server";
import { resolveLocale } from "./modules/http/locale.server";
import { navFor } from "./modules/http/nav";
import { getSettings } from "./modules/settings/settings.server";
import { isAnonymousPath, LANG_PARAM } from "./modules/hotline/anonymous";
import { browserHasStaffSession } from "./modules/hotline/staff-session.server";
import { FormMessage } from "./components/form";
import { useLocale, useMessages } from "./i18n/use-messages";
import styles from "./styles/app.css";
import { localized } from "./i18n/localized";
import { getMessages } from "./i18n/messages";
import { DEFAULT_LOCALE } from "./i18n/locales";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages set their own title (pageMeta); this one stands on error pages and anything without one.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: getMessages(data?.locale ?? DEFAULT_LOCALE).common.appName }];

export async function loader({ request }: LoaderFunctionArgs) {
  // On the hotline's pages the staff session is not read: nothing a reporter does there is tied to
  // an account, and the header shows no name. Only whether the browser has one is checked, to warn.
  const anonymous = isAnonymousPath(new URL(request.url).pathname);
  const [auth, settings, staffSessionHere] = await Promise.all([
    anonymous ? null : getAuthState(request),
    getSettings(),
    anonymous ? browserHasStaffSession(request) : false,
  ]);
  // Only a fully signed-in user (second factor done if owed) gets navigation.
  const signedIn = auth && (auth.twoFactorVerified || !auth.user.hasTotp) ? auth : null;
  const locale = resolveLocale(request, auth?.user.locale);
  return json({
    locale,
    timeZone: settings["org.timeZone"],
    orgName: localized(settings, "org.name", locale),
    anonymous,
    staffSessionHere,
    user: signedIn
      ? { displayName: signedIn.user.displayName, roles: signedIn.user.roles, permissions: [...signedIn.user.permissions] }
      : null,
  });
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const locale = useLocale();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function LanguageSwitcher() {
  const m = useMessages();
  const locale = useLocale();
  const location = useLocation();
  const anonymous = useLoaderData<typeof loader>().anonymous;
  const other = locale === "en" ? "zh-CN" : "en";
  // The accessible name starts with the visible text (WCAG 2.5.3), in its own language.
  const label = (
    <>
      <span lang={other}>{m.common.switchTo}</span>
      <span className="visually-hidden"> ({m.common.language})</span>
    </>
  );
  // On the hotline the choice travels in the address (?lang=): no cookie, nothing on an account.
  if (anonymous) {
    return (
      <Form method="get" action={location.pathname} className="lang-switch">
        <input type="hidden" name={LANG_PARAM} value={other} />
        <button type="submit" className="link-button">
          {label}
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" action="/locale" className="lang-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button">
        {label}
      </button>
    </Form>
  );
}

function Header() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <header className="site-header">
      <div className="brand">
        <NavLink to="/" className="brand-name">
          {m.common.appName}
        </NavLink>
        <span className="brand-org">{data.orgName}</span>
      </div>
      {data.user ? (
        <nav aria-label={m.nav.main} className="main-nav">
          {navFor(data.user.permissions).map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === "/"}>
              {item.label(m)}
            </NavLink>
          ))}
        </nav>
      ) : (
        <nav aria-label={m.nav.main} className="main-nav">
          <NavLink to="/hotline">{m.hotline.headerLink}</NavLink>
        </nav>
      )}
      <div className="header-tools">
        <LanguageSwitcher />
        {data.user ? (
          <Form method="post" action="/logout">
            <span className="signed-in">{m.common.signedInAs(data.user.displayName)}</span>{" "}
            <button type="submit" className="link-button">
              {m.nav.logout}
            </button>
          </Form>
        ) : null}
      </div>
    </header>
  );
}

export default function App() {
  const m = useMessages();
  const { staffSessionHere } = useLoaderData<typeof loader>();
  return (
    <Document>
      <a href="#main" className="skip-link">
        {m.common.skipToContent}
      </a>
      <Header />
      <main id="main" className="page">
        {staffSessionHere ? (
          <div className="report-page staff-session-note">
            <FormMessage kind="info">{m.hotline.signedInNote}</FormMessage>
          </div>
        ) : null}
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  return (
    <Document>
      <main id="main" className="page">
        <GeneralErrorBoundary />
      </main>
    </Document>
  );
}
