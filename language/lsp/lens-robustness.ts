import type { InterventionShares } from '../analysis/dynamics/intervention-shares.js';
import type { MarvelModel } from '../workspace/model-provider.js';

/** Where the robustness shares of a document's intervention lenses stand. */
export type LensSampling =
    | { readonly state: 'off' }
    /** Sampling runs elsewhere; the lenses are refreshed when it is done. */
    | { readonly state: 'pending' }
    /** Not sampled, with the sentence the lens shows instead. */
    | { readonly state: 'skipped'; readonly reason: string }
    | { readonly state: 'ready'; readonly shares: ReadonlyMap<string, InterventionShares> };

/**
 * The robustness shares the intervention code lens shows when the user turned them on
 * (`marvel.codeLens.robustnessSamples`). Answers at once: what is not sampled yet is
 * started, never waited for, so a lens request costs no sampling time.
 */
export interface LensRobustness {
    /** The shares of these interventions (identifiers in `model`) with each alone. */
    sample(model: MarvelModel, interventions: readonly string[]): Promise<LensSampling>;
}

/** Without a language server (tests, the command line): the lenses carry no shares. */
export class NoLensRobustness implements LensRobustness {
    async sample(): Promise<LensSampling> {
        return { state: 'off' };
    }
}
