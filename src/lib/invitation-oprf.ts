// The VOPRF suite of the invitation tokens (src/lib/invitation-token.ts),
// shared by the server and the browser: ristretto255-SHA512 (RFC 9497), with
// @noble/curves as voprf-ts's arithmetic — its default (sjcl) costs about
// 45 times more CPU per evaluation (bench/tokens.bench.ts).
import { Oprf } from "@cloudflare/voprf-ts";
import { CryptoNoble } from "@cloudflare/voprf-ts/crypto-noble";

export const TOKEN_SUITE = Oprf.Suite.RISTRETTO255_SHA512;
export const TOKEN_CRYPTO = CryptoNoble;
