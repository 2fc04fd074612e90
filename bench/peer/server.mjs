// node-oidc-provider configured like the Authly instance under benchmark: the same client id and
// secret, ES256 and RS256 signing keys, the same token lifetimes. JWT access tokens from
// client_credentials need a resource indicator (RFC 8707), so two resource servers are configured,
// one per signing algorithm. Usage: node server.mjs <port> <client_id> <client_secret> <redirect_uri>
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

function jwk(type, options, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), alg, use: 'sig', kid: `bench-${alg.toLowerCase()}` };
}

// Authly's defaults (src/config/config.hpp): access 600 s, ID token 3600 s, code 60 s, refresh 14 days.
const kAccessTokenTtl = 600;
const resources = {
  'urn:authly-bench:es256': 'ES256',
  'urn:authly-bench:rs256': 'RS256',
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    scope: 'openid profile email offline_access api:read',
  }],
  jwks: { keys: [jwk('ec', { namedCurve: 'P-256' }, 'ES256'), jwk('rsa', { modulusLength: 2048 }, 'RS256')] },
  scopes: ['openid', 'profile', 'email', 'offline_access', 'api:read'],
  claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name'], email: ['email', 'email_verified'] },
  findAccount: (ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, name: 'Bench User', given_name: 'Bench', family_name: 'User',
                     email: 'bench@example.com', email_verified: true }),
  }),
  features: {
    devInteractions: { enabled: true },  // the login and consent forms the flow driver fills in
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => false,
      getResourceServerInfo: (ctx, resource) => {
        const alg = resources[resource];
        if (!alg) throw new Error(`unknown resource ${resource}`);
        return { scope: 'api:read', audience: resource, accessTokenTTL: kAccessTokenTtl,
                 accessTokenFormat: 'jwt', jwt: { sign: { alg } } };
      },
    },
  },
  pkce: { required: () => true },
  issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  ttl: {
    AccessToken: kAccessTokenTtl,
    ClientCredentials: kAccessTokenTtl,
    AuthorizationCode: 60,
    IdToken: 3600,
    RefreshToken: 14 * 86400,
    Interaction: 600,
    Session: 7 * 86400,
    Grant: 14 * 86400,
  },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => console.log(`node-oidc-provider on ${issuer}`));
