// The steps journeys are made of. A step is `{ name, run }`: `run(journey)` acts through one or
// more actors (`await journey.actor('candidate')`), moves between pages only with `visit` and
// `navigates` (so every page is checked by axe-core), and asserts what the person sees. Steps
// that need something from an earlier one keep it in `journey.memory`.

import {
  chooseFileWithKeyboard,
  expect,
  expectFocus,
  expectTabOrder,
  samplePdf,
  tabTo,
  typeInOrder,
} from './lib.mjs';

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
// in an organisation: the one named by `memory[organisationFrom]` when given, otherwise the
// first of the list; remembers its name as `memory.organisation`.
export const askForRole = (person, role, { organisationFrom } = {}) =>
  step(`${person.label} demande le rôle ${role}`, async (journey) => {
    const actor = await journey.actor(person.actor);
    if (actor.path !== '/recruteur') {
      await actor.visit('/recruteur');
    }
    const { page } = actor;
    const organisation = page.getByLabel('Organisation', { exact: true });
    let index = 1;
    if (organisationFrom) {
      // The offer shows "Name (ACRONYM)"; the list may show the name alone, indented.
      const wanted = journey.memory[organisationFrom].replace(/ \([^)]*\)$/, '');
      const labels = await organisation.locator('option').allInnerTexts();
      index = labels.findIndex((label) => label.replace(/^[—\s]+/, '').startsWith(wanted));
      expect(index > 0, `« ${wanted} » n’est pas dans la liste des organisations`);
    }
    await organisation.selectOption({ index });
    const name = (await organisation.locator('option:checked').innerText())
      .replace(/^[—\s]+/, '')
      .trim();
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

// --- applying, and what follows ----------------------------------------------------------------

// The text of the row of Mon espace's applications for the offer `title`.
async function applicationRow(actor, title) {
  const table = actor.page.getByRole('table', { name: 'Mes candidatures' });
  const row = table.locator('tbody tr').filter({ hasText: title }).first();
  // `textContent`: what the page says, before CSS capitalises the badge.
  return (await row.textContent()).replace(/\s+/g, ' ');
}

// `person` fills their profile (phone, region, current job, experience, a job family) and
// finds it saved.
export const completeProfile = (person) =>
  step(`${person.label} complète son profil`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/espace-candidat/profil');
    await actor.expectHeading('Mon profil');
    const { page } = actor;
    await page.getByLabel('Téléphone (facultatif)').fill('06 12 34 56 78');
    await page.getByLabel('Région où vous habitez (facultatif)').selectOption({ index: 1 });
    await page.getByLabel('Poste actuel (facultatif)').fill('Développeuse back-end');
    await page.getByLabel('Années d’expérience dans le numérique (facultatif)').fill('6');
    // DSFR draws its own box over the input: a person clicks the label.
    await page.locator('label[for^="familles-"]').first().click();
    const save = page.getByRole('button', { name: 'Enregistrer mon profil' });
    await actor.navigates(() => save.click(), 'profil enregistré');
    await actor.visit('/espace-candidat/profil');
    expect(
      (await page.inputValue('#poste')) === 'Développeuse back-end',
      'le poste saisi n’est pas enregistré',
    );
    expect(await page.locator('input[name="familles"]').first().isChecked(), 'le métier est perdu');
  });

// `person` looks through the offers for one they apply to on Vivier (its page links to the
// form); remembers it as `memory.offer` (`{ title, href }`) and its employer as
// `memory.employer`.
export const findOfferOnVivier = (person) =>
  step(`${person.label} trouve une offre où postuler sur Vivier`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/offres-emploi');
    const { page } = actor;
    const cards = page.locator('.fr-card__title a');
    const hrefs = await cards.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    // Offers apply in several ways; read the pages without loading them in the tab, and open
    // the first whose "Postuler" leads to Vivier's form.
    let found = null;
    for (const href of hrefs) {
      const html = await (await page.request.get(href)).text();
      if (html.includes(`href="${href}/postuler"`)) {
        found = href;
        break;
      }
    }
    expect(found, `aucune des ${hrefs.length} offres de la liste ne se postule sur Vivier`);
    const link = page.locator(`.fr-card__title a[href="${found}"]`).first();
    const title = (await link.innerText()).trim();
    await actor.navigates(() => link.click(), `offre ${found}`);
    await actor.expectHeading(title);
    journey.memory.offer = { title, href: found };
  });

// `person` applies to `memory.offer` with the keyboard only: from the offer's "Postuler" link,
// Tab to the motivation, type it, Tab to the file field, open its chooser with Space and pick
// a PDF, Tab to the button, Enter. Mon espace then lists the application, and the
// acknowledgement arrives.
export const applyWithKeyboard = (person) =>
  step(`${person.label} postule avec un CV en PDF, au clavier`, async (journey) => {
    const actor = await journey.actor(person.actor);
    const { href, title } = journey.memory.offer;
    const { page } = actor;
    await tabTo(page, `a[href="${href}/postuler"]`, { max: 200 });
    await actor.navigates(() => page.keyboard.press('Enter'), 'formulaire de candidature');
    await actor.expectHeading(`Postuler : ${title}`);
    journey.memory.employer = (await page.locator('.fr-text--lead').innerText())
      .split(' — ')[0]
      .trim();
    await expectTabOrder(page, ['#motivation', '#fichier', 'button[type="submit"]']);
    await tabTo(page, '#motivation');
    await page.keyboard.type(person.motivation);
    await page.keyboard.press('Tab');
    const cv = samplePdf(`CV de ${person.name}`);
    journey.memory.cv = cv;
    await chooseFileWithKeyboard(page, '#fichier', {
      name: 'cv.pdf',
      mimeType: 'application/pdf',
      buffer: cv,
    });
    await page.keyboard.press('Tab');
    await expectFocus(page, 'button[type="submit"]');
    await actor.navigates(() => page.keyboard.press('Enter'), 'candidature envoyée');
    expect(actor.path.startsWith('/espace-candidat'), `après l’envoi : ${actor.path}`);
    const row = await applicationRow(actor, title);
    expect(row.includes('Nouvelle'), `la candidature n’est pas « Nouvelle » : ${row}`);
    const mail = await journey.mailbox.next(person.email);
    expect(mail.subject === 'Votre candidature est bien reçue', `courriel : ${mail.subject}`);
  });

// `person`, a recruiter of the offer's organisation, finds the application in the offer's
// list, downloads the CV (the very file sent), and moves it to `stage` (a code, such as
// `entretien`).
export const recruiterMovesApplication = (person, applicant, stage) =>
  step(`${person.label} passe la candidature à l’étape ${stage}`, async (journey) => {
    const actor = await journey.actor(person.actor);
    const { title } = journey.memory.offer;
    await actor.visit(`/recruteur/offres?q=${encodeURIComponent(title)}`);
    const { page } = actor;
    const count = page.locator('a[href$="/candidatures"]').filter({ hasText: title }).first();
    await actor.navigates(() => count.click(), 'candidatures de l’offre');
    await actor.expectHeading(`Candidatures : ${title}`);
    const open = page.getByRole('link', { name: applicant.name });
    await actor.navigates(() => open.click(), 'candidature');
    await actor.expectText(applicant.motivation);
    const file = await actor.downloads(() =>
      page.getByRole('link', { name: 'Télécharger le CV' }).click(),
    );
    expect(file.content.equals(journey.memory.cv), `le CV téléchargé (${file.name}) diffère`);
    await page.locator(`label[for="etape-${stage}"]`).click();
    const save = page.getByRole('button', { name: 'Enregistrer l’étape' });
    await actor.navigates(() => save.click(), 'étape enregistrée');
    await actor.expectText('La personne candidate en est informée par courriel.');
  });

// `person` is told of the new stage `label` by mail, and sees it in Mon espace.
export const candidateSeesStage = (person, label) =>
  step(`${person.label} voit l’étape « ${label} »`, async (journey) => {
    const actor = await journey.actor(person.actor);
    const mail = await journey.mailbox.next(person.email);
    expect(mail.text.includes(journey.memory.offer.title), `courriel sans l’offre : ${mail.text}`);
    await actor.visit('/espace-candidat');
    const row = await applicationRow(actor, journey.memory.offer.title);
    expect(row.includes(label), `l’étape n’est pas « ${label} » : ${row}`);
  });

// `person` downloads the export of their data: a zip holding `donnees.json` and their CV.
export const exportData = (person) =>
  step(`${person.label} exporte ses données`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/espace-candidat/donnees');
    await actor.expectHeading('Mes données personnelles');
    const link = actor.page.locator('main a[href="/espace-candidat/donnees/export.zip"]').first();
    const file = await actor.downloads(() => link.click());
    expect(/^vivier-mes-donnees-\d{4}-\d{2}-\d{2}\.zip$/.test(file.name), `archive : ${file.name}`);
    // A zip starts with its first entry's header; the central directory names every entry.
    expect(file.content.subarray(0, 2).toString('latin1') === 'PK', 'l’export n’est pas un zip');
    const names = file.content.toString('latin1');
    expect(names.includes('donnees.json'), 'donnees.json manque dans l’archive');
    expect(names.includes('.pdf'), 'le CV manque dans l’archive');
  });

// `person` deletes their account with their password; signing in again then fails.
export const deleteAccount = (person) =>
  step(`${person.label} supprime son compte`, async (journey) => {
    const actor = await journey.actor(person.actor);
    await actor.visit('/espace-candidat/suppression');
    await actor.expectHeading('Supprimer mon compte');
    const { page } = actor;
    await page.getByLabel('Votre mot de passe').fill(person.password);
    const erase = page.getByRole('button', { name: 'Supprimer définitivement mon compte' });
    await actor.navigates(() => erase.click(), 'compte supprimé');
    await actor.expectHeading('Votre compte est supprimé');
    await actor.visit('/connexion');
    await page.getByLabel('Adresse électronique').fill(person.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(person.password);
    const button = page.getByRole('button', { name: 'Se connecter', exact: true });
    await actor.navigates(() => button.click(), 'connexion refusée');
    expect(actor.path.startsWith('/connexion'), `connexion après suppression : ${actor.path}`);
  });

// `person`, the recruiter, finds the application of the erased `applicant` kept without any
// of their personal data.
export const recruiterSeesErasure = (person, applicant) =>
  step(`${person.label} ne voit plus les données de ${applicant.label}`, async (journey) => {
    const actor = await journey.actor(person.actor);
    const { title } = journey.memory.offer;
    await actor.visit(`/recruteur/offres?q=${encodeURIComponent(title)}`);
    const count = actor.page.locator('a[href$="/candidatures"]').filter({ hasText: title }).first();
    await actor.navigates(() => count.click(), 'candidatures de l’offre');
    await actor.expectText('Données personnelles supprimées');
    const content = await actor.page.locator('main').innerText();
    for (const trace of [applicant.name, applicant.email]) {
      expect(!content.includes(trace), `« ${trace} » est encore affiché au recruteur`);
    }
  });
