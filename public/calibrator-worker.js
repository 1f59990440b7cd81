// The calibration worker (crates/calibrator/src/read.rs): the calibrator's
// module off the main thread, sent the log file, the column mapping, the
// scenario being edited and the architecture that recorded the log.
import init, { work } from "../calibrator.js";
const ready = init();
self.onmessage = async (event) => {
  await ready;
  const { file, mapping, scenario, recordedBy } = event.data;
  work(file, mapping, scenario, recordedBy);
};
