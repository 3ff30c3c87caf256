import type { Messages } from "../messages";
import { admin } from "./admin";
import { audit } from "./audit";
import { auth } from "./auth";
import { common } from "./common";
import { errors } from "./errors";
import { home } from "./home";
import { hotline } from "./hotline";
import { mail } from "./mail";
import { nav } from "./nav";
import { people } from "./people";
import { roles } from "./roles";

export const zhCN: Messages = { admin, audit, auth, common, errors, home, hotline, mail, nav, people, roles };
