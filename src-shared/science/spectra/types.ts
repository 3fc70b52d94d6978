/**
 * A kernel spectrum with respect to a data measure μ, and the target's projections on it
 * (rg-theory.md §1): ∫dμ(x') K(x,x') φ_k(x') = λ_k φ_k(x), y_k = ⟨φ_k y⟩_μ.
 */
export interface Spectrum {
  /** λ_k, descending, k = 1..P stored at index k-1. */
  readonly eigenvalues: Float64Array;
  /** y_k = ⟨φ_k y⟩_μ, same indexing as eigenvalues. */
  readonly targetCoefficients: Float64Array;
  /** ‖y_⊥‖² = ⟨y²⟩_μ − Σ_k y_k²: target power outside the span of the modes (≥ 0). */
  readonly residualTargetPower: number;
}
