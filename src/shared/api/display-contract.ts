/** How cards are shown: privacy choices that both the renderer's sanitizer and the hosts' CSP follow. */
import { z } from 'zod';

export const displaySettingsSchema = z.object({
  /** Card images from the web (http/https). Off by default: loading one tells that server when you study. */
  loadRemoteImages: z.boolean(),
});
export type DisplaySettings = z.infer<typeof displaySettingsSchema>;

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = { loadRemoteImages: false };

export const displayContract = {
  'display.get': {
    input: z.object({}),
    output: displaySettingsSchema,
  },
  'display.update': {
    input: displaySettingsSchema.partial(),
    output: displaySettingsSchema,
  },
} as const;
