// OpenID Connect providers for Vivier's sign-in tests, on loopback only.
//
//   node provider.mjs real   — a real provider (oidc-provider) with two clients, `vivier-candidats`
//                              and `vivier-agents`, PKCE required, whose interactions (login and
//                              consent) complete at once for a fixed person per client.
//   node provider.mjs rogue  — a hand-made provider whose ID tokens are wrong on purpose, one
//                              defect per client id: `signature` (signed with a key its JWKS does
//                              not publish), `audience` (another client's), `nonce` (not the one
//                              asked); and `es256`, whose tokens are right, signed with ES256
//                              (as FranceConnect may sign them).
//
// Either prints `listening http://127.0.0.1:PORT` once ready. VIVIER_REDIRECT_BASE is Vivier's
// public URL (the redirect URIs registered for the clients).

import http from 'node:http';
import crypto from 'node:crypto';

const mode = process.argv[2] ?? 'real';
const redirectBase = process.env.VIVIER_REDIRECT_BASE ?? 'https://vivier.example.gouv.fr';
const SECRET = 'secret-de-test-oidc-0123456789';

// The person each client signs in: a candidate through FranceConnect, an agent through ProConnect.
const PEOPLE = {
  'vivier-candidats': {
    sub: 'fc-sub-camille',
    email: 'camille.martin@exemple.fr',
    email_verified: true,
    given_name: 'Camille',
    family_name: 'Martin',
  },
  'vivier-agents': {
    sub: 'pc-sub-dominique',
    email: 'dominique.agent@exemple.gouv.fr',
    email_verified: true,
    given_name: 'Dominique',
    usual_name: 'Agent',
  },
};

// The test reads the first line only; a closed pipe must not stop the provider.
process.stdout.on('error', () => {});

const server = http.createServer();
server.listen(0, '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  if (mode === 'rogue') {
    rogue(issuer);
  } else {
    await real(issuer);
  }
  console.log(`listening ${issuer}`);
});

async function real(issuer) {
  const { default: Provider } = await import('oidc-provider');
  const clients = ['candidats', 'agents'].map((side) => ({
    client_id: `vivier-${side}`,
    client_secret: SECRET,
    redirect_uris: [`${redirectBase}/connexion/oidc/${side}/retour`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }));
  const provider = new Provider(issuer, {
    clients,
    pkce: { required: () => true },
    cookies: { keys: ['cle-de-test-des-cookies'] },
    features: { devInteractions: { enabled: false } },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      family_name: ['family_name'],
      usual_name: ['usual_name'],
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const person = Object.values(PEOPLE).find((p) => p.sub === sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ ...person }) };
    },
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const { prompt, params } = details;
      if (prompt.name === 'login') {
        const person = PEOPLE[params.client_id];
        await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, {
          mergeWithLastSubmission: false,
        });
      } else {
        const grant = new provider.Grant({
          accountId: details.session.accountId,
          clientId: params.client_id,
        });
        grant.addOIDCScope(params.scope);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, {
          mergeWithLastSubmission: true,
        });
      }
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
}

function rogue(issuer) {
  const published = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unpublished = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...published.publicKey.export({ format: 'jwk' }), kid: 'publiee', use: 'sig', alg: 'RS256' };
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec', use: 'sig', alg: 'ES256' };
  const codes = new Map();
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/me`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk, ecJwk] });
    if (url.pathname === '/auth') {
      const code = crypto.randomBytes(16).toString('hex');
      codes.set(code, {
        clientId: url.searchParams.get('client_id'),
        nonce: url.searchParams.get('nonce'),
      });
      const back = new URL(url.searchParams.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state'));
      res.writeHead(303, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        const code = new URLSearchParams(body).get('code');
        const issued = codes.get(code);
        codes.delete(code);
        if (!issued) return json(400, { error: 'invalid_grant' });
        const defect = issued.clientId;
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          iss: issuer,
          sub: 'rogue-sub',
          aud: defect === 'audience' ? 'un-autre-client' : issued.clientId,
          iat: now,
          exp: now + 300,
          nonce: defect === 'nonce' ? 'pas-le-bon-nonce' : issued.nonce,
          email: 'rogue@exemple.fr',
          given_name: 'Rogue',
          family_name: 'Test',
        };
        let input;
        let signature;
        if (defect === 'es256') {
          input = `${b64({ alg: 'ES256', typ: 'JWT', kid: 'ec' })}.${b64(claims)}`;
          signature = crypto
            .sign('sha256', Buffer.from(input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' })
            .toString('base64url');
        } else {
          input = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'publiee' })}.${b64(claims)}`;
          const key = defect === 'signature' ? unpublished.privateKey : published.privateKey;
          signature = crypto.sign('sha256', Buffer.from(input), key).toString('base64url');
        }
        json(200, {
          access_token: crypto.randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: `${input}.${signature}`,
        });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
}
