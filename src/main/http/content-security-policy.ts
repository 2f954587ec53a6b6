/**
 * The Content-Security-Policy both hosts send with the renderer. Card images from the web
 * (http/https) are allowed only when the user turned on "Load remote images"; everything else
 * stays on the app's own origin (plus data:/blob: for media inlined from the collection).
 */
export interface CspOptions {
  /** The "Load remote images" setting. */
  remoteImages: boolean;
}

export function contentSecurityPolicy({ remoteImages }: CspOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    remoteImages ? "img-src 'self' data: blob: https: http:" : "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy with remote images off (the default). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ remoteImages: false });
