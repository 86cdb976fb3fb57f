export { decryptSecret, encryptSecret, parseEncryptionKey } from './secret-box';
