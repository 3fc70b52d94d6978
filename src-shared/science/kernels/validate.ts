/**
 * Parameter validation for kernel and target specs (scikit-learn style: parameters are data,
 * checked up front, errors name the field).
 */
import type { KernelSpec, TargetSpec } from './types';
import { MAX_HERMITE_DEGREE } from './hermite';

function isFiniteNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function checkDimension(dimension: number): void {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`dimension must be an integer ≥ 1, got ${dimension}`);
  }
}

/** Throws an Error naming the offending field (e.g. "kernel.depth") when the spec is not usable in dimension d. */
export function validateKernel(kernel: KernelSpec, dimension: number): void {
  checkDimension(dimension);
  switch (kernel.type) {
    case 'hermite': {
      const { degrees, eigenvalues } = kernel;
      if (!Array.isArray(degrees) || degrees.length === 0) {
        throw new Error('kernel.degrees must be a non-empty array of non-negative integers');
      }
      if (!Array.isArray(eigenvalues) || eigenvalues.length !== degrees.length) {
        throw new Error(
          `kernel.eigenvalues must have the same length as kernel.degrees (${degrees.length}), ` +
            `got ${Array.isArray(eigenvalues) ? eigenvalues.length : typeof eigenvalues}`,
        );
      }
      const seen = new Set<number>();
      degrees.forEach((degree, i) => {
        if (!Number.isInteger(degree) || degree < 0 || degree > MAX_HERMITE_DEGREE) {
          throw new Error(
            `kernel.degrees[${i}] must be an integer in [0, ${MAX_HERMITE_DEGREE}], got ${degree}`,
          );
        }
        if (seen.has(degree)) throw new Error(`kernel.degrees has a duplicate degree ${degree}`);
        seen.add(degree);
      });
      eigenvalues.forEach((value, i) => {
        if (!isFiniteNonNegative(value)) {
          throw new Error(`kernel.eigenvalues[${i}] must be finite and ≥ 0, got ${value}`);
        }
      });
      return;
    }
    case 'nngp': {
      if (kernel.activation !== 'relu' && kernel.activation !== 'erf') {
        throw new Error(`kernel.activation must be 'relu' or 'erf', got ${String(kernel.activation)}`);
      }
      if (!Number.isInteger(kernel.depth) || kernel.depth < 1) {
        throw new Error(`kernel.depth must be an integer ≥ 1, got ${kernel.depth}`);
      }
      if (!isFiniteNonNegative(kernel.weightVariance)) {
        throw new Error(`kernel.weightVariance must be finite and ≥ 0, got ${kernel.weightVariance}`);
      }
      if (!isFiniteNonNegative(kernel.biasVariance)) {
        throw new Error(`kernel.biasVariance must be finite and ≥ 0, got ${kernel.biasVariance}`);
      }
      return;
    }
    case 'rbf': {
      if (!(typeof kernel.lengthScale === 'number' && Number.isFinite(kernel.lengthScale) && kernel.lengthScale > 0)) {
        throw new Error(`kernel.lengthScale must be finite and > 0, got ${kernel.lengthScale}`);
      }
      if (!isFiniteNonNegative(kernel.variance)) {
        throw new Error(`kernel.variance must be finite and ≥ 0, got ${kernel.variance}`);
      }
      return;
    }
    default:
      throw new Error(`kernel.type must be 'hermite', 'nngp' or 'rbf', got ${String((kernel as { type: unknown }).type)}`);
  }
}

/**
 * Throws an Error naming the offending field when the target is not usable on inputs of dimension d
 * (and, for `values`, on `pointCount` points when given).
 */
export function validateTarget(target: TargetSpec, dimension: number, pointCount?: number): void {
  checkDimension(dimension);
  switch (target.type) {
    case 'hermite':
      if (!Number.isInteger(target.degree) || target.degree < 0 || target.degree > MAX_HERMITE_DEGREE) {
        throw new Error(`target.degree must be an integer in [0, ${MAX_HERMITE_DEGREE}], got ${target.degree}`);
      }
      if (target.coefficient !== undefined && !Number.isFinite(target.coefficient)) {
        throw new Error(`target.coefficient must be finite, got ${target.coefficient}`);
      }
      return;
    case 'sign':
      return;
    case 'linear':
      if (!Array.isArray(target.weights) || target.weights.length !== dimension) {
        throw new Error(
          `target.weights must have length equal to the input dimension ${dimension}, ` +
            `got ${Array.isArray(target.weights) ? target.weights.length : typeof target.weights}`,
        );
      }
      target.weights.forEach((w, i) => {
        if (!Number.isFinite(w)) throw new Error(`target.weights[${i}] must be finite, got ${w}`);
      });
      return;
    case 'values':
      if (!Array.isArray(target.values)) throw new Error('target.values must be an array of numbers');
      if (pointCount !== undefined && target.values.length !== pointCount) {
        throw new Error(
          `target.values has length ${target.values.length} but there are ${pointCount} points ` +
            '(values must be given on the pool points, in the same order)',
        );
      }
      target.values.forEach((v, i) => {
        if (!Number.isFinite(v)) throw new Error(`target.values[${i}] must be finite, got ${v}`);
      });
      return;
    default:
      throw new Error(
        `target.type must be 'hermite', 'sign', 'linear' or 'values', got ${String((target as { type: unknown }).type)}`,
      );
  }
}
