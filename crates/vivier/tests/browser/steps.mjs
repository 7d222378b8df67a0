// The steps journeys are made of. A step is `{ name, run }`: `run(journey)` acts through one or
// more actors (`await journey.actor('candidate')`), moves between pages only with `visit` and
// `navigates` (so every page is checked by axe-core), and asserts what the person sees. Steps
// that need something from an earlier one keep it in `journey.memory`.

import { expect, expectFocus, tabTo, typeInOrder } from './lib.mjs';

// A step named `name` (printed by the runner, and in a failure).
export function step(name, run) {
  return { name, run };
}

// The home page; its first Tab stop is the skip link, which takes the focus to the content.
export const homePage = () =>
  step('accueil, lien d’évitement au clavier', async (journey) => {
    const visitor = await journey.actor('visitor');
    await visitor.visit('/');
    await visitor.expectHeading('Mettez vos talents au service de l’intérêt général');
    const { page } = visitor;
    await page.keyboard.press('Tab');
    await expectFocus(page, 'a[href="#contenu"]');
    await page.keyboard.press('Enter');
    await expectFocus(page, '#contenu');
  });

// Searches `query` from the home page's search box (typed, then Enter); remembers the first
// result as `memory.offer` (`{ title, href }`).
export const searchOffers = (query) =>
  step(`recherche « ${query} » depuis l’accueil`, async (journey) => {
    const visitor = await journey.actor('visitor');
    if (visitor.path !== '/') {
      await visitor.visit('/');
    }
    const { page } = visitor;
    await page.getByLabel('Rechercher une offre d’emploi').fill(query);
    await visitor.navigates(() => page.keyboard.press('Enter'), `résultats de « ${query} »`);
    const url = new URL(page.url());
    expect(url.pathname === '/offres-emploi', `la recherche mène à ${url.pathname}`);
    expect(url.searchParams.get('q') === query, `la requête est perdue : ${url.search}`);
    await visitor.expectHeading('Offres d’emploi du numérique de l’État');
    const first = page.locator('.fr-card__title a').first();
    const title = (await first.innerText()).trim();
    const href = await first.getAttribute('href');
    expect(title.length > 0 && href, `aucun résultat pour « ${query} »`);
    journey.memory.offer = { title, href };
  });

// Opens the offer remembered by `searchOffers` by clicking its card.
export const openOffer = () =>
  step('page d’une offre', async (journey) => {
    const visitor = await journey.actor('visitor');
    const { title, href } = journey.memory.offer;
    const link = visitor.page.locator(`.fr-card__title a[href="${href}"]`).first();
    await visitor.navigates(() => link.click(), `offre ${href}`);
    expect(visitor.path === href, `le clic mène à ${visitor.path} au lieu de ${href}`);
    await visitor.expectHeading(title);
  });

// The employers' list, reached from the main menu, and the first employer's page.
export const employers = () =>
  step('employeurs depuis le menu', async (journey) => {
    const visitor = await journey.actor('visitor');
    const menu = visitor.page.getByRole('navigation', { name: 'Menu principal' });
    await visitor.navigates(() => menu.getByRole('link', { name: 'Employeurs' }).click(), 'employeurs');
    await visitor.expectHeading('Employeurs');
    const first = visitor.page.locator('main a[href^="/employeurs/"]').first();
    const name = (await first.innerText()).trim();
    await visitor.navigates(() => first.click(), `employeur « ${name} »`);
    await visitor.expectHeading(name);
  });

// An unknown address answers the 404 page.
export const notFound = () =>
  step('page introuvable', async (journey) => {
    const visitor = await journey.actor('visitor');
    await visitor.visit('/cette-page-n-existe-pas', { status: 404 });
    await visitor.expectText('Erreur 404');
  });

// Expects the field `selector` of the page to be marked invalid, its message tied to it.
async function expectFieldError(actor, selector) {
  const field = actor.page.locator(selector);
  expect(
    (await field.getAttribute('aria-invalid')) === 'true',
    `${selector} n’est pas signalé invalide (aria-invalid) sur ${actor.path}`,
  );
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const message = describedBy ? await actor.page.locator(`[id="${describedBy}"]`).innerText() : '';
  expect(message.trim().length > 0, `${selector} : pas de message d’erreur relié (aria-describedby)`);
}

// `person` signs up at `/inscription` with the keyboard only: Tab to the profile (arrow keys to
// choose an agent's), Tab through name, address and password typing each, Enter to send. A
// first try with a short password comes back with the error on that field (announced, tied to
// it) and the other fields kept; the person Tabs back to it and sends again.
export const signUpWithKeyboard = (person, { shortPasswordFirst = true } = {}) =>
  step(`${person.label} s’inscrit au clavier`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/inscription');
    await actor.expectHeading('Créer un compte');
    const { page } = actor;
    await tabTo(page, 'input[name="profil"]');
    await expectFocus(page, '#profil-candidat:checked');
    if (person.profile === 'agent') {
      await page.keyboard.press('ArrowDown');
      await expectFocus(page, '#profil-agent:checked');
    }
    await typeInOrder(page, [
      ['#nom', person.name],
      ['#email', person.email],
      ['#mot_de_passe', shortPasswordFirst ? 'court' : person.password],
    ]);
    if (shortPasswordFirst) {
      await actor.navigates(() => page.keyboard.press('Enter'), 'inscription refusée');
      await actor.expectHeading('Créer un compte');
      expect(
        (await page.getByRole('alert').innerText()).includes('Le formulaire contient des erreurs'),
        'l’alerte des erreurs manque',
      );
      await expectFieldError(actor, '#mot_de_passe');
      expect((await page.inputValue('#nom')) === person.name, 'le nom saisi est perdu');
      expect((await page.inputValue('#email')) === person.email, 'l’adresse saisie est perdue');
      await tabTo(page, '#mot_de_passe');
      await page.keyboard.type(person.password);
    }
    await actor.navigates(() => page.keyboard.press('Enter'), 'inscription envoyée');
    await actor.expectHeading('Vérifiez votre messagerie');
    await actor.expectText(person.email);
  });

// `person` follows the link of the confirmation mail and confirms the address.
export const confirmAddress = (person) =>
  step(`${person.label} confirme son adresse par le lien du courriel`, async (journey) => {
    const actor = await journey.actor(person.actor);
    const mail = await journey.mailbox.next(person.email);
    const link = mail.link('/inscription/confirmation');
    expect(
      link.origin === new URL(journey.baseURL).origin,
      `le lien du courriel pointe vers ${link.origin}`,
    );
    expect(
      /^[A-Za-z0-9_-]{43}$/.test(link.searchParams.get('jeton') ?? ''),
      `jeton mal décodé dans ${link}`,
    );
    await actor.visit(link.pathname + link.search);
    await actor.expectHeading('Confirmer votre adresse électronique');
    const button = actor.page.getByRole('button', { name: 'Confirmer mon adresse' });
    await actor.navigates(() => button.click(), 'adresse confirmée');
    await actor.expectHeading('Adresse confirmée');
  });

// `person` signs in at `/connexion` and lands on `home`.
export const signIn = (person, home) =>
  step(`${person.label} se connecte`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/connexion');
    await actor.expectHeading('Se connecter');
    const { page } = actor;
    await page.getByLabel('Adresse électronique').fill(person.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(person.password);
    const button = page.getByRole('button', { name: 'Se connecter', exact: true });
    await actor.navigates(() => button.click(), `${home} après connexion`);
    expect(actor.path === home, `après connexion : ${actor.path} au lieu de ${home}`);
  });

// The candidate's space greets `person`.
export const candidateSpace = (person) =>
  step(`${person.label} voit son espace candidat`, async (journey) => {
    const actor = await journey.actor(person.actor);
    if (actor.path !== '/espace-candidat') {
      await actor.visit('/espace-candidat');
    }
    await actor.expectHeading(`Bonjour ${person.name}`);
    await actor.expectText('Mes candidatures');
  });

// The recruiters' area greets `person`, an agent without a role yet, and offers to ask for one.
export const recruiterHome = (person) =>
  step(`${person.label} voit l’espace recruteur`, async (journey) => {
    const actor = await journey.actor(person.actor);
    if (actor.path !== '/recruteur') {
      await actor.visit('/recruteur');
    }
    await actor.expectHeading(`Bonjour ${person.name}`);
    await actor.expectText('Votre compte n’est rattaché à aucune organisation');
  });

// `/compte` shows `person`'s details.
export const accountPage = (person) =>
  step(`${person.label} consulte son compte`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/compte');
    await actor.expectHeading('Mon compte');
    await actor.expectText(person.email);
    await actor.expectText(person.name);
  });

// `person` signs out through `/deconnexion`; their space then asks to sign in again.
export const signOut = (person, home) =>
  step(`${person.label} se déconnecte`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/deconnexion');
    await actor.expectHeading('Se déconnecter');
    const button = actor.page.getByRole('button', { name: 'Se déconnecter' });
    await actor.navigates(() => button.click(), 'déconnexion');
    await actor.expectHeading('Vous êtes déconnecté·e');
    await actor.visit(home);
    expect(
      actor.path.startsWith('/connexion?suite='),
      `${home} après déconnexion : ${actor.path}`,
    );
    await actor.expectText('Connectez-vous pour accéder à cette page.');
  });

// `person`, an agent without a role, asks at `/recruteur` for `role` (a code: `recruteur`…)
// in the first organisation of the list; remembers it as `memory.organisation`.
export const askForRole = (person, role) =>
  step(`${person.label} demande le rôle ${role}`, async (journey) => {
    const actor = await journey.actor(person.actor);
    if (actor.path !== '/recruteur') {
      await actor.visit('/recruteur');
    }
    const { page } = actor;
    const organisation = page.getByLabel('Organisation', { exact: true });
    await organisation.selectOption({ index: 1 });
    const name = (await organisation.locator('option:checked').innerText()).trim();
    await page.getByLabel('Rôle demandé').selectOption(role);
    const send = page.getByRole('button', { name: 'Envoyer la demande' });
    await actor.navigates(() => send.click(), 'demande de rôle envoyée');
    await actor.expectText('Votre demande a été envoyée.');
    const requests = page.getByRole('table', { name: 'Vos demandes' });
    expect(
      (await requests.innerText()).includes(name),
      `la demande pour « ${name} » n’est pas dans « Vos demandes »`,
    );
    journey.memory.organisation = name;
  });

// `person` becomes an administrator of Vivier the way the first one does: an operator runs
// `vivier admin EMAIL`.
export const makeAdministrator = (person) =>
  step(`${person.label} est nommée administratrice (vivier admin)`, async (journey) => {
    const output = await journey.vivier('admin', person.email);
    expect(output.includes('est désormais administrateur·rice'), `vivier admin : ${output}`);
  });

// `admin` accepts, at `/admin/demandes`, the pending request of `requester`.
export const approveRequest = (admin, requester) =>
  step(`${admin.label} accepte la demande de ${requester.label}`, async (journey) => {
    const actor = await journey.actor(admin.actor);
    await actor.visit('/admin');
    await actor.expectHeading('Administration');
    const requests = actor.page.getByRole('link', { name: 'Demandes d’accès' });
    await actor.navigates(() => requests.click(), 'demandes d’accès');
    await actor.expectHeading('Demandes d’accès');
    const card = actor.page.locator('.fr-card').filter({ hasText: requester.email });
    const accept = card.getByRole('button', { name: 'Accepter' });
    await actor.navigates(() => accept.click(), 'demande acceptée');
    await actor.expectText('La demande est acceptée');
  });

// `person`, now a recruiter, sees the organisation of `memory.organisation` at `/recruteur`
// and opens the offers they manage.
export const recruiterDesk = (person) =>
  step(`${person.label} voit son organisation et ses offres`, async (journey) => {
    const actor = await journey.actor(person.actor);
    if (actor.path !== '/recruteur') {
      await actor.visit('/recruteur');
    }
    const desks = actor.page.getByRole('table', {
      name: 'Organisations pour lesquelles vous avez un rôle',
    });
    const organisation = journey.memory.organisation;
    expect(
      (await desks.innerText()).includes(organisation),
      `« ${organisation} » n’est pas dans le tableau des organisations`,
    );
    const offers = actor.page.getByRole('link', { name: 'Vos offres' });
    await actor.navigates(() => offers.click(), 'offres du recruteur');
    expect(actor.path.startsWith('/recruteur/offres'), `« Vos offres » mène à ${actor.path}`);
  });

// `admin` reads the audit log, where the decision they just made is recorded.
export const auditLog = (admin, requester) =>
  step(`${admin.label} lit le journal d’audit`, async (journey) => {
    const actor = await journey.actor(admin.actor);
    await actor.visit('/admin');
    const log = actor.page.getByRole('link', { name: 'Journal d’audit' });
    await actor.navigates(() => log.click(), 'journal d’audit');
    await actor.expectHeading('Journal d’audit');
    await actor.expectText(requester.email);
  });
