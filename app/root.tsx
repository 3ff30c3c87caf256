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
import { useLocale, useMessages } from "./i18n/use-messages";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Sunline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [auth, settings] = await Promise.all([getAuthState(request), getSettings()]);
  // Only a fully signed-in user (second factor done if owed) gets navigation.
  const signedIn = auth && (auth.twoFactorVerified || !auth.user.hasTotp) ? auth : null;
  const locale = resolveLocale(request, auth?.user.locale);
  return json({
    locale,
    timeZone: settings["org.timeZone"],
    orgName: locale === "en" ? settings["org.nameEn"] : settings["org.nameZh"],
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
  return (
    <Form method="post" action="/locale" className="lang-switch">
      <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button" aria-label={m.common.language}>
        {m.common.switchTo}
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
          <NavLink to="/report">{m.hotline.headerLink}</NavLink>
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
  return (
    <Document>
      <a href="#main" className="skip-link">
        {m.common.skipToContent}
      </a>
      <Header />
      <main id="main" className="page">
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
