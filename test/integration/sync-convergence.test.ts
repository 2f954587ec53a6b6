/**
 * Sync property test (docs/sync.md, "How it is tested"): three devices
 * make seeded random changes offline through the dispatch, exchange events in random orders
 * (subsets, duplicates, half batches delivered in full later; one run in ten as files copied
 * between folders, some cut short first), then exchange everything. Every device must end with the
 * same collection and every acknowledged answer not taken back. Options: test/support/sync-property.ts.
 */
import { convergenceTest } from '../support/sync-property';

convergenceTest(14_000, 1_000);
