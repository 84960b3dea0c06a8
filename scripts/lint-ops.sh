#!/bin/sh
# lint-ops.sh -- every opcode in runtime/lib/opcodes.def (the only list)
# has a documentation block ("Op: NAME") and a case in the VM
# (runtime/lib/vm.c), and a case in the decoder that turns code back into
# tokens for =S, traces and --decompile (vm_rule_tokens).
cd "$(dirname "$0")/.."
fail=0
for op in $(sed -n 's/^OP(\([A-Z_]*\),.*/\1/p' runtime/lib/opcodes.def); do
	[ "$op" = END ] && continue
	grep -q "Op:.*\\b$op\\b" runtime/lib/vm.c || { echo "lint-ops: $op has no 'Op:' block in vm.c"; fail=1; }
	n=$(grep -c "case OP_$op:" runtime/lib/vm.c)
	[ "$n" -ge 2 ] || { echo "lint-ops: $op needs a case in the VM and in vm_rule_tokens (found $n)"; fail=1; }
done
[ $fail -eq 0 ] && echo "lint-ops: ok"
exit $fail
