#include "FuzzDriver.h"

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (what its own `main` runs) and the harness's input callback.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/// The entry point SwiftPM's link aliases `main` to: runs libFuzzer with the command line.
int FaceGuardFuzz_main(int argc, char **argv) {
  return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
