export { FieldCrypto, FieldCryptoError, type KeyRing } from './field-crypto';
export { keyFileName, loadKeyRing, newKeyId, testKeyRing, writeKeyFile } from './key-ring';
