// Runs one journey in headless Chromium against a running Vivier:
//
//   node run.mjs JOURNEY
//
// with VIVIER_BASE_URL (the server, e.g. http://127.0.0.1:PORT/), VIVIER_MAIL_DIR (where it
// writes its mails), VIVIER_CHROMIUM (the browser binary) and, optionally, VIVIER_BIN and
// DATABASE_URL (the server's binary and database, for steps that run a command as an operator
// would), VIVIER_ARTIFACTS (a folder for a screenshot and the HTML of each actor's page when a
// step fails) and VIVIER_JOURNEY_TIMEOUT_MS (the whole journey's budget, 110 s by default).
// Prints one line per step; exits 0 when every step passed, 1 when one failed, 2 when the
// budget ran out.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Actor, JourneyError, Mailbox, launch } from './lib.mjs';
import { JOURNEYS } from './journeys.mjs';

// What steps see: the server, the mailbox, one actor per person, and what earlier steps kept.
class Journey {
  constructor(browser, baseURL, mailDir) {
    this.browser = browser;
    this.baseURL = baseURL;
    this.mailbox = new Mailbox(mailDir);
    this.actors = new Map();
    this.memory = {};
  }

  // The actor named `name`, opened (a browser context of its own) on first use.
  async actor(name) {
    if (!this.actors.has(name)) {
      this.actors.set(name, await Actor.open(this.browser, name, this.baseURL));
    }
    return this.actors.get(name);
  }

  // Runs `vivier ARGS` on the server's database, as an operator would (e.g. `admin EMAIL`);
  // gives its standard output, fails with its error output.
  async vivier(...args) {
    const binary = process.env.VIVIER_BIN;
    const database = process.env.DATABASE_URL;
    if (!binary || !database) {
      throw new JourneyError('VIVIER_BIN et DATABASE_URL sont nécessaires pour lancer vivier');
    }
    try {
      const { stdout } = await promisify(execFile)(binary, args, {
        env: { ...process.env, DATABASE_URL: database },
        timeout: 30_000,
      });
      return stdout;
    } catch (error) {
      throw new JourneyError(`vivier ${args.join(' ')} : ${error.message}\n${error.stderr ?? ''}`);
    }
  }

  async settle() {
    for (const actor of this.actors.values()) {
      await actor.settle();
    }
  }

  // Saves each actor's page (screenshot and HTML) into `dir`.
  async keepEvidence(dir) {
    fs.mkdirSync(dir, { recursive: true });
    const kept = [];
    for (const [name, actor] of this.actors) {
      const base = path.join(dir, name);
      try {
        fs.writeFileSync(`${base}.html`, await actor.page.content());
        await actor.page.screenshot({ path: `${base}.png`, fullPage: true });
        kept.push(`${base}.png`, `${base}.html`);
      } catch (error) {
        kept.push(`${name}: ${error.message}`);
      }
    }
    return kept;
  }
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} manque dans l’environnement`);
    process.exit(1);
  }
  return value;
}

const name = process.argv[2];
const steps = JOURNEYS[name];
if (!steps) {
  console.error(`parcours inconnu « ${name} » ; connus : ${Object.keys(JOURNEYS).join(', ')}`);
  process.exit(1);
}
const baseURL = required('VIVIER_BASE_URL');
const mailDir = required('VIVIER_MAIL_DIR');
const chromiumPath = required('VIVIER_CHROMIUM');
const artifacts = process.env.VIVIER_ARTIFACTS;
const budget = Number(process.env.VIVIER_JOURNEY_TIMEOUT_MS ?? 110_000);

let current = '(lancement de Chromium)';
const watchdog = setTimeout(() => {
  console.error(`✘ délai de ${budget} ms dépassé pendant l’étape : ${current}`);
  // Playwright kills the browsers it launched when the process exits.
  process.exit(2);
}, budget);

const started = Date.now();
const browser = await launch(chromiumPath);
console.log(`Chromium ${browser.version()}, parcours « ${name} », ${steps.length} étapes`);
const journey = new Journey(browser, baseURL, mailDir);
let passed = 0;
let failed = 0;
try {
  for (const { name: stepName, run } of steps) {
    current = stepName;
    const stepStarted = Date.now();
    try {
      await run(journey);
      await journey.settle();
    } catch (error) {
      failed += 1;
      console.log(`✘ ${stepName}`);
      console.log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      for (const [actorName, actor] of journey.actors) {
        console.log(`  ${actorName} était sur ${actor.page.url()}`);
      }
      if (artifacts) {
        for (const file of await journey.keepEvidence(artifacts)) {
          console.log(`  conservé : ${file}`);
        }
      }
      break;
    }
    passed += 1;
    console.log(`✔ ${stepName} (${Date.now() - stepStarted} ms)`);
  }
} finally {
  await browser.close();
}
clearTimeout(watchdog);
const skipped = steps.length - passed - failed;
console.log(
  `parcours ${name}: ${passed} passed, ${failed} failed, ${skipped} skipped (${Date.now() - started} ms)`,
);
process.exitCode = failed > 0 ? 1 : 0;
