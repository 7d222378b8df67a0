// The journeys the browser tests run, each a list of steps (`steps.mjs`) run in order against one
// fresh server (demo seeded, mails as .eml files). `crates/vivier/tests/browser.rs` has one test
// per journey.
//
// To extend a journey, write a step in `steps.mjs` (or here) and put it in the list where it
// happens; a step of another person uses another actor name (each actor has its own cookies).
// A new journey is a new key of `JOURNEYS` and a new `#[test]` in `browser.rs`.

import {
  accountPage,
  applyWithKeyboard,
  approveRequest,
  askForRole,
  auditLog,
  candidateSeesStage,
  candidateSpace,
  completeProfile,
  confirmAddress,
  deleteAccount,
  employers,
  exportData,
  findOfferOnVivier,
  homePage,
  makeAdministrator,
  notFound,
  openOffer,
  recruiterDesk,
  recruiterHome,
  recruiterMovesApplication,
  recruiterSeesErasure,
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

// A candidate who applies, and the recruiter who reads the application.
export const APPLICANT = {
  actor: 'applicant',
  label: 'la postulante',
  profile: 'candidat',
  name: 'Camille Postulante',
  email: 'camille.postulante@exemple.fr',
  password: 'cerf-volant rouge sur la dune 61',
  motivation: 'Je construis des services publics numériques depuis six ans : je veux rejoindre votre équipe.',
};

export const RECRUITER = {
  actor: 'recruiter',
  label: 'le recruteur',
  profile: 'agent',
  name: 'Sacha Recruteur',
  email: 'sacha.recruteur@numerique.gouv.fr',
  password: 'phare blanc au large de Sein 28',
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

// A candidate completes the profile and applies to an offer with a PDF, keyboard only; a
// recruiter of the offer's organisation (named by an administrator) downloads the CV and
// invites the candidate to an interview; the candidate is told, sees it, exports their data
// and deletes the account, after which the recruiter finds the application anonymised.
export const APPLICATION_JOURNEY = [
  signUpWithKeyboard(APPLICANT, { shortPasswordFirst: false }),
  confirmAddress(APPLICANT),
  signIn(APPLICANT, '/espace-candidat'),
  completeProfile(APPLICANT),
  findOfferOnVivier(APPLICANT),
  applyWithKeyboard(APPLICANT),
  signUpWithKeyboard(RECRUITER, { shortPasswordFirst: false }),
  confirmAddress(RECRUITER),
  signIn(RECRUITER, '/recruteur'),
  askForRole(RECRUITER, 'recruteur', { organisationFrom: 'employer' }),
  signUpWithKeyboard(ADMIN, { shortPasswordFirst: false }),
  confirmAddress(ADMIN),
  makeAdministrator(ADMIN),
  signIn(ADMIN, '/admin'),
  approveRequest(ADMIN, RECRUITER),
  signIn(RECRUITER, '/recruteur'),
  recruiterMovesApplication(RECRUITER, APPLICANT, 'entretien'),
  candidateSeesStage(APPLICANT, 'Entretien'),
  exportData(APPLICANT),
  deleteAccount(APPLICANT),
  recruiterSeesErasure(RECRUITER, APPLICANT),
];

// Every journey, by the name `run.mjs` takes.
export const JOURNEYS = {
  candidate: CANDIDATE_JOURNEY,
  agent: AGENT_JOURNEY,
  application: APPLICATION_JOURNEY,
};
