export { PersonalDataEraser } from './personal-data-eraser.js';
export { ErasureProcessService, ERASURE_PROCESS } from './erasure-process.service.js';
export { EraserShredder } from './eraser-shredder.js';
