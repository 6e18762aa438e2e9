// Encodings (base64, hex, UTF-8) and the QR code PNG encoder.
export { base64UrlToBytes, bytesToBase64, bytesToBase64Url, bytesToText, utf8 } from './encoding';
export { qrCodePng } from './qr-png';
