#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H

/// Nothing to call from Swift: this target only defines the executable's entry point.
/// SwiftPM links executables on Linux with `--defsym main=FaceGuardFuzz_main`, a symbol that a
/// `-parse-as-library` module does not emit; FuzzDriver.c defines it and hands over to libFuzzer.
int FaceGuardFuzz_main(int argc, char **argv);

#endif
