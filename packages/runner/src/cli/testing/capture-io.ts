import type { CommandIo } from '../command';

/** A CommandIo for tests that keeps what a command wrote to stdout and stderr. */
export function captureIo(): CommandIo & { outText: string; errText: string } {
  const io = {
    outText: '',
    errText: '',
    out(text: string) {
      io.outText += `${text}\n`;
    },
    err(text: string) {
      io.errText += `${text}\n`;
    },
  };
  return io;
}
