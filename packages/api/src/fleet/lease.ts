/** How long a claimed step stays with its executor without a report (executors report every lease/3). */
export const defaultStepLeaseMs = 15_000;
