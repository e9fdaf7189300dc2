import { z } from 'zod';

// Placeholder until the Alertmanager API lands.
export const alertmanagerSchema = z.looseObject({ kind: z.literal('alertmanager') });
export type AlertmanagerInput = z.infer<typeof alertmanagerSchema>;
