# Shared by the GPU scripts (sourced from the repository root): where a lent machine keeps the runtime, the
# application, the CUDA JNI and the data between calls, and the Java modules of the runtime carried there.
root=/tmp/metroscope-gpu
jre_modules=java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.zipfs,jdk.management
# Metroscope's folders there: run.sh's setup writes libtorch.properties (the machine's CUDA libtorch) into the config.
export XDG_CONFIG_HOME=$root/config XDG_CACHE_HOME=$root/cache XDG_STATE_HOME=$root/state
