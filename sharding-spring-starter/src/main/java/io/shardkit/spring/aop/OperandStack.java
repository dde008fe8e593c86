package io.shardkit.spring.aop;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.asm.Opcodes;

/**
 * A model of a method's operand stack for {@link SelfInvocationScanner}, in JVM slots (a {@code long} or
 * {@code double} takes two), each slot either {@link #THIS} or {@link #OTHER}. Instructions without operands are
 * applied by {@link #insn(int)}; the others by the scanner. A model that would underflow (code it does not
 * follow) is cleared rather than trusted, and stays so until the next stack map frame.
 *
 * <p>Not thread-safe: one per method visit.
 */
final class OperandStack {

    static final int OTHER = 0;
    static final int THIS = 1;

    private int[] slots = new int[16];
    private int size;

    void push(int value) {
        if (size == slots.length) {
            slots = Arrays.copyOf(slots, size * 2);
        }
        slots[size++] = value;
    }

    /** Pushes {@code count} slots that are not {@code this} (0 for void, 1, or 2 for a long or double). */
    void pushOther(int count) {
        for (int i = 0; i < count; i++) {
            push(OTHER);
        }
    }

    void pop(int count) {
        size = Math.max(0, size - count);
    }

    /** The slot {@code depth} below the top (0: the top); {@link #OTHER} when the model is shorter. */
    int peek(int depth) {
        return depth < size ? slots[size - 1 - depth] : OTHER;
    }

    /** The stack a stack map frame gives at a branch target or handler: nothing on it is {@code this}. */
    void reset(int count, Object @Nullable [] types) {
        size = 0;
        for (int i = 0; i < count && types != null; i++) {
            pushOther(types[i] == Opcodes.LONG || types[i] == Opcodes.DOUBLE ? 2 : 1);
        }
    }

    /** Applies an instruction that has no operands. */
    void insn(int opcode) {
        if (opcode >= Opcodes.ACONST_NULL && opcode <= Opcodes.DCONST_1) {
            pushOther(opcode == Opcodes.LCONST_0 || opcode == Opcodes.LCONST_1 || opcode >= Opcodes.DCONST_0 ? 2 : 1);
        } else if (opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD) {
            pop(2);
            pushOther(opcode == Opcodes.LALOAD || opcode == Opcodes.DALOAD ? 2 : 1);
        } else if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
            pop(opcode == Opcodes.LASTORE || opcode == Opcodes.DASTORE ? 4 : 3);
        } else if (opcode >= Opcodes.POP && opcode <= Opcodes.SWAP) {
            stackManipulation(opcode);
        } else if (opcode >= Opcodes.IADD && opcode <= Opcodes.DCMPG) {
            arithmetic(opcode);
        } else if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW) {
            size = 0; // nothing follows but a branch target, whose frame sets the stack
        } else if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
            pop(1);
        } else if (opcode == Opcodes.ARRAYLENGTH) {
            pop(1);
            push(OTHER);
        }
        // NOP changes nothing.
    }

    private void stackManipulation(int opcode) {
        switch (opcode) {
            case Opcodes.POP -> pop(1);
            case Opcodes.POP2 -> pop(2);
            case Opcodes.DUP -> duplicate(1, 0);
            case Opcodes.DUP_X1 -> duplicate(1, 1);
            case Opcodes.DUP_X2 -> duplicate(1, 2);
            case Opcodes.DUP2 -> duplicate(2, 0);
            case Opcodes.DUP2_X1 -> duplicate(2, 1);
            case Opcodes.DUP2_X2 -> duplicate(2, 2);
            default -> { // SWAP
                if (size >= 2) {
                    int top = slots[size - 1];
                    slots[size - 1] = slots[size - 2];
                    slots[size - 2] = top;
                }
            }
        }
    }

    /** Copies the top {@code count} slots and inserts the copy {@code below} slots further down. */
    private void duplicate(int count, int below) {
        if (size < count + below) {
            size = 0;
            return;
        }
        int[] top = Arrays.copyOfRange(slots, size - count, size);
        int[] under = Arrays.copyOfRange(slots, size - count - below, size - count);
        size -= count + below;
        for (int value : top) {
            push(value);
        }
        for (int value : under) {
            push(value);
        }
        for (int value : top) {
            push(value);
        }
    }

    /** IADD ... DCMPG: the operands' and result's sizes follow from the opcode. */
    private void arithmetic(int opcode) {
        if (opcode <= Opcodes.DREM) { // IADD, LADD, FADD, DADD, ... DREM: binary, in four types
            int wide = wide((opcode - Opcodes.IADD) % 4);
            pop(2 * wide);
            pushOther(wide);
        } else if (opcode <= Opcodes.DNEG) {
            int wide = wide((opcode - Opcodes.INEG) % 4);
            pop(wide);
            pushOther(wide);
        } else if (opcode <= Opcodes.LUSHR) { // ISHL, LSHL, ...: the shift distance is an int
            int wide = (opcode - Opcodes.ISHL) % 2 == 0 ? 1 : 2;
            pop(wide + 1);
            pushOther(wide);
        } else if (opcode <= Opcodes.LXOR) {
            int wide = (opcode - Opcodes.IAND) % 2 == 0 ? 1 : 2;
            pop(2 * wide);
            pushOther(wide);
        } else if (opcode == Opcodes.IINC) {
            return; // not an insn; visitIincInsn leaves the stack alone
        } else if (opcode <= Opcodes.I2S) {
            convert(opcode);
        } else { // LCMP, FCMPL, FCMPG, DCMPL, DCMPG
            pop(opcode == Opcodes.FCMPL || opcode == Opcodes.FCMPG ? 2 : 4);
            push(OTHER);
        }
    }

    private static int wide(int typeIndex) {
        return typeIndex == 1 || typeIndex == 3 ? 2 : 1; // I, L, F, D
    }

    private void convert(int opcode) {
        int from = switch (opcode) {
            case Opcodes.L2I, Opcodes.L2F, Opcodes.L2D, Opcodes.D2I, Opcodes.D2L, Opcodes.D2F -> 2;
            default -> 1;
        };
        int to = switch (opcode) {
            case Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D, Opcodes.D2L -> 2;
            default -> 1;
        };
        pop(from);
        pushOther(to);
    }
}
