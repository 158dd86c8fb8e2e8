// Keeps a secret so that only the holder of another secret can read it back:
// AES-GCM with a key derived (HKDF-SHA-256) from the opener. Used to give a
// retried idea submission its receipt again without storing the receipt.
const encoder = new TextEncoder();

async function keyFor(opener: string, purpose: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(opener), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(purpose) },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export async function seal(secret: string, opener: string, purpose: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(opener, purpose), encoder.encode(secret));
  return `${toBase64(iv)}.${toBase64(new Uint8Array(ciphertext))}`;
}

/** The sealed secret, or null when the opener is not the one it was sealed with. */
export async function unseal(sealed: string, opener: string, purpose: string): Promise<string | null> {
  try {
    const [iv, ciphertext] = sealed.split(".");
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(iv!) },
      await keyFor(opener, purpose),
      fromBase64(ciphertext!),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
