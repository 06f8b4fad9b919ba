/**
 * Shapes as inside-tests in unit object coordinates (u right, v down, the shape spans about
 * [-1, 1]). Rendering rotates and scales the coordinates, so every shape can turn and grow.
 */
export type InsideTest = (u: number, v: number) => boolean;

const SQRT3 = Math.sqrt(3);

function starRadius(u: number, v: number, points: number, inner: number): number {
  const t = (Math.atan2(u, -v) / (2 * Math.PI)) * points + 0.5;
  const d = Math.abs(t - Math.floor(t) - 0.5) * 2; // 0 toward a point, 1 toward a valley
  return 1 - (1 - inner) * d;
}

export const shapeTests: Record<string, InsideTest> = {
  circle: (u, v) => u * u + v * v <= 1,
  square: (u, v) => Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8,
  triangle: (u, v) => v <= 0.55 && v >= -1.05 + SQRT3 * Math.abs(u),
  star: (u, v) => Math.hypot(u, v) <= starRadius(u, v, 5, 0.42),
  cross: (u, v) => (Math.abs(u) <= 0.3 && Math.abs(v) <= 0.95) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 0.95),
  ring: (u, v) => {
    const r2 = u * u + v * v;
    return r2 <= 1 && r2 >= 0.55 * 0.55;
  },
  hexagon: (u, v) => Math.abs(v) <= 0.866 && Math.abs(u) <= 1 - Math.abs(v) / SQRT3,
  crescent: (u, v) => u * u + v * v <= 1 && (u - 0.5) ** 2 + v * v > 0.78 ** 2,
  heart: (u, v) => {
    const x = u * 1.15;
    const y = -v * 1.15 + 0.15;
    const a = x * x + y * y - 1;
    return a * a * a - x * x * y * y * y <= 0;
  },
  bar: (u, v) => Math.abs(u) <= 0.95 && Math.abs(v) <= 0.24,
  // Held out of `shapes` (its OOD companion), and used as motion objects.
  arrow: (u, v) => (u >= 0.1 && Math.abs(v) <= 0.95 - (u - 0.1) * 1.05) || (u < 0.1 && u >= -0.95 && Math.abs(v) <= 0.3),
  hourglass: (u, v) => Math.abs(v) <= 0.9 && Math.abs(u) <= Math.abs(v) * 0.95,
  spiral: (u, v) => {
    const r = Math.hypot(u, v);
    if (r > 1 || r < 0.12) return false;
    const turn = (Math.atan2(v, u) / (2 * Math.PI) + 1) % 1;
    const phase = (r / 0.42 - turn) % 1;
    return (phase + 1) % 1 < 0.5;
  },
};

/** The 10 classes of `shapes`, in label order. */
export const shapeClasses = ['circle', 'square', 'triangle', 'star', 'cross', 'ring', 'hexagon', 'crescent', 'heart', 'bar'];

/** Shapes held out of `shapes`, for its held-out-classes OOD set. */
export const heldOutShapes = ['arrow', 'hourglass', 'spiral'];

/** Shapes a motion clip may move: none symmetric under every rotation, so turning is visible. */
export const motionObjects = ['square', 'triangle', 'star', 'cross', 'hexagon', 'crescent', 'heart', 'bar', 'arrow', 'hourglass'];
