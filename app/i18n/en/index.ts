import { admin } from "./admin";
import { audit } from "./audit";
import { auth } from "./auth";
import { cases } from "./cases";
import { common } from "./common";
import { conflicts } from "./conflicts";
import { errors } from "./errors";
import { followup } from "./followup";
import { home } from "./home";
import { hotline } from "./hotline";
import { mail } from "./mail";
import { nav } from "./nav";
import { people } from "./people";
import { questions } from "./questions";
import { remediation } from "./remediation";
import { roles } from "./roles";
import { workflow } from "./workflow";

export const en = { admin, audit, auth, cases, common, conflicts, errors, followup, home, hotline, mail, nav, people, questions, remediation, roles, workflow };
