// The public surface of @vpixmix/attacks. Everything another package may import is exported here.
export { AttackArgumentError } from './errors';
export {
  evaluationPgd,
  resolvePgdOptions,
  streamSeed,
  type AttackNorm,
  type ProjectionCentre,
  type PgdOptions,
  type ResolvedPgdOptions,
} from './options';
export {
  inputGradient,
  perExampleCrossEntropy,
  inferenceLogits,
  labelTensor,
  type LogitsFunction,
  type Labels,
  type ApplicableModel,
} from './loss';
export { perturbationSize } from './ball';
export { pgd, fgsm, type FgsmOptions, type PgdHooks } from './pgd';
export {
  evaluateUnderAttack,
  type LabelledBatch,
  type AttackSpec,
  type BatchReport,
  type AttackEvaluation,
} from './evaluate';
