/** Every table, for drizzle's typed queries. Feature schemas are added here as they arrive. */
export * from './platform.ts';
export * from './intake.ts';
export * from './publishing.ts';
export * from './toolkit.ts';
export * from './escrow.ts';
export * from './escrowCases.ts';
export * from './caseHandling.ts';
export * from './evidenceReview.ts';
