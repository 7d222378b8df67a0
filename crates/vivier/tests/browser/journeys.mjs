// The journeys the browser tests run, each a list of steps (`steps.mjs`) run in order against one
// fresh server (demo seeded, mails as .eml files). `crates/vivier/tests/browser.rs` has one test
// per journey.
//
// To extend a journey, write a step in `steps.mjs` (or here) and put it in the list where it
// happens: e.g. after `candidateSpace(CANDIDATE)`, a `completeProfile(CANDIDATE)` then an
// `applyWithPdf(CANDIDATE)` step; a step of another person uses another actor name (each actor
// has its own cookies), e.g. a recruiter's `recruiterMovesApplication(RECRUITER, 'entretien')`
// followed by a candidate's step that sees it. A new journey is a new key of `JOURNEYS` and a
// new `#[test]` in `browser.rs`.

import {
  accountPage,
  approveRequest,
  askForRole,
  auditLog,
  candidateSpace,
  confirmAddress,
  employers,
  homePage,
  makeAdministrator,
  notFound,
  openOffer,
  recruiterDesk,
  recruiterHome,
  searchOffers,
  signIn,
  signOut,
  signUpWithKeyboard,
} from './steps.mjs';

// The people of the journeys. `actor` names their browser context.
export const CANDIDATE = {
  actor: 'candidate',
  label: 'la candidate',
  profile: 'candidat',
  name: 'Dominique Témoin',
  email: 'dominique.temoin@exemple.fr',
  password: 'jardin lointain sous la pluie 42',
};

export const AGENT = {
  actor: 'agent',
  label: 'l’agente',
  profile: 'agent',
  name: 'Camille Agente',
  email: 'camille.agente@numerique.gouv.fr',
  password: 'horloge bleue du port de Brest 17',
};

// An administrator of Vivier, named from the command line.
export const ADMIN = {
  actor: 'admin',
  label: 'l’administratrice',
  profile: 'agent',
  name: 'Alix Administratrice',
  email: 'alix.administratrice@numerique.gouv.fr',
  password: 'tramway violet vers la gare 93',
};

// A visitor finds an offer and an employer, meets the 404 page, then signs up as a candidate
// with the keyboard, confirms the address, signs in, reads the account and signs out.
export const CANDIDATE_JOURNEY = [
  homePage(),
  searchOffers('développeur'),
  openOffer(),
  employers(),
  notFound(),
  signUpWithKeyboard(CANDIDATE),
  confirmAddress(CANDIDATE),
  signIn(CANDIDATE, '/espace-candidat'),
  candidateSpace(CANDIDATE),
  accountPage(CANDIDATE),
  signOut(CANDIDATE, '/espace-candidat'),
];

// A State agent signs up and reaches the recruiters' area without a role, asks to be a
// recruiter in an organisation, an administrator accepts, and the agent, signed in again, sees
// the organisation and its offers.
export const AGENT_JOURNEY = [
  signUpWithKeyboard(AGENT),
  confirmAddress(AGENT),
  signIn(AGENT, '/recruteur'),
  recruiterHome(AGENT),
  askForRole(AGENT, 'recruteur'),
  signUpWithKeyboard(ADMIN, { shortPasswordFirst: false }),
  confirmAddress(ADMIN),
  makeAdministrator(ADMIN),
  signIn(ADMIN, '/admin'),
  approveRequest(ADMIN, AGENT),
  auditLog(ADMIN, AGENT),
  signIn(AGENT, '/recruteur'),
  recruiterDesk(AGENT),
  accountPage(AGENT),
  signOut(AGENT, '/recruteur'),
];

// Every journey, by the name `run.mjs` takes.
export const JOURNEYS = {
  candidate: CANDIDATE_JOURNEY,
  agent: AGENT_JOURNEY,
};
