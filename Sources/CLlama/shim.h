// llama.cpp's C API, built by scripts/build-llama.sh into $GENUI_CACHE/llama and found through
// pkg-config (genui-llama.pc: static libraries in a link order that works).
#include <llama.h>
