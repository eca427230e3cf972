// The calibration constants live with the simulator that applies them on every run (main/sim/calibration.ts).
export { applyCalibration, identityCalibration, isCalibrationParams, type CalibrationParams } from '../../sim/calibration';
