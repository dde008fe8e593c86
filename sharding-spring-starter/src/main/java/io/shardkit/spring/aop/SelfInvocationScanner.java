package io.shardkit.spring.aop;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

/**
 * Finds, in a bean class's bytecode (the class and its superclasses), calls on {@code this} to the bean's
 * shardkit-advised methods: {@code this.insert(order)} inside another method of the same bean never reaches the
 * proxy, so the annotation does not run. Lambdas in the class count (their bodies are methods of the class, named
 * after the method they are written in); anonymous and inner classes do not.
 *
 * <p>Whether the receiver is {@code this} is followed per instruction on a model of the operand stack, each value
 * either {@code this} (local 0 of an instance method, as long as it is not reassigned) or something else; at
 * branch targets the class file's stack map frames reset the model (a {@code this} that flows through a branch,
 * {@code (c ? this : other).insert(o)}, is not followed). A class whose bytes cannot be read is skipped. So
 * every call reported is a real one; the rare forms above can be missed.
 *
 * <p>Stateless and thread-safe.
 */
final class SelfInvocationScanner {

    private static final int API = Opcodes.ASM9;

    private SelfInvocationScanner() {
    }

    /**
     * Calls on {@code this} in {@code type} (and its superclasses below {@code Object}) to any of {@code advised},
     * keyed by name and descriptor; in the order found.
     */
    static List<SelfInvocation> scan(Class<?> type, Map<String, String> advised) {
        Set<String> owners = owners(type);
        List<SelfInvocation> found = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            ClassReader reader = reader(c);
            if (reader != null) {
                reader.accept(new Classes(c, owners, advised, found), ClassReader.EXPAND_FRAMES);
            }
        }
        return found;
    }

    /** Internal names a call on {@code this} may name as its owner: the class, its superclasses, interfaces. */
    private static Set<String> owners(Class<?> type) {
        Set<String> owners = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c != Object.class && owners.add(Type.getInternalName(c))) {
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(List.of(c.getInterfaces()));
            }
        }
        return owners;
    }

    private static @Nullable ClassReader reader(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(Type.getInternalName(type) + ".class")) {
            return in == null ? null : new ClassReader(in);
        } catch (IOException | IllegalArgumentException ex) {
            return null; // unreadable (or a class file newer than this ASM): nothing to say about it
        }
    }

    /** One call found: who calls, whom, described as messages name methods. */
    record SelfInvocation(String caller, String callee, String calleeKey) {
    }

    private static final class Classes extends ClassVisitor {

        private final Class<?> type;
        private final Set<String> owners;
        private final Map<String, String> advised;
        private final List<SelfInvocation> found;

        Classes(Class<?> type, Set<String> owners, Map<String, String> advised, List<SelfInvocation> found) {
            super(API);
            this.type = type;
            this.owners = owners;
            this.advised = advised;
            this.found = found;
        }

        @Override
        public @Nullable MethodVisitor visitMethod(int access, String name, String descriptor,
                                                   @Nullable String signature, String @Nullable [] exceptions) {
            // A static method has no this; nor has a lambda that captures nothing (javac makes it static).
            return (access & Opcodes.ACC_STATIC) != 0 ? null
                    : new Calls(describe(type, name, descriptor), owners, advised, found);
        }
    }

    /** How a method (or the method a lambda is written in) is named: {@code OrderService.placeTwo(Order, Order)}. */
    static String describe(Class<?> type, String name, String descriptor) {
        if (name.startsWith("lambda$")) {
            int end = name.indexOf('$', "lambda$".length());
            String enclosing = end < 0 ? name : name.substring("lambda$".length(), end);
            return type.getSimpleName() + "." + enclosing + "(...) in a lambda";
        }
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Type parameter : Type.getArgumentTypes(descriptor)) {
            String className = parameter.getClassName();
            params.add(className.substring(className.lastIndexOf('.') + 1));
        }
        return type.getSimpleName() + "." + name + params;
    }

    /** Follows the operand stack of one method, reporting calls on {@code this} to an advised method. */
    private static final class Calls extends MethodVisitor {

        private final String caller;
        private final Set<String> owners;
        private final Map<String, String> advised;
        private final List<SelfInvocation> found;
        private final OperandStack stack = new OperandStack();
        private boolean thisInLocal0 = true;

        Calls(String caller, Set<String> owners, Map<String, String> advised, List<SelfInvocation> found) {
            super(API);
            this.caller = caller;
            this.owners = owners;
            this.advised = advised;
            this.found = found;
        }

        @Override
        public void visitFrame(int type, int numLocal, Object @Nullable [] local, int numStack,
                               Object @Nullable [] stackTypes) {
            stack.reset(numStack, stackTypes);
        }

        @Override
        public void visitInsn(int opcode) {
            stack.insn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (opcode == Opcodes.NEWARRAY) {
                stack.pop(1);
            }
            stack.push(OperandStack.OTHER);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            switch (opcode) {
                case Opcodes.ALOAD -> stack.push(var == 0 && thisInLocal0 ? OperandStack.THIS : OperandStack.OTHER);
                case Opcodes.ILOAD, Opcodes.FLOAD -> stack.push(OperandStack.OTHER);
                case Opcodes.LLOAD, Opcodes.DLOAD -> stack.pushOther(2);
                case Opcodes.RET -> { }
                default -> { // a store
                    stack.pop(opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE ? 2 : 1);
                    if (var == 0) {
                        thisInLocal0 = false;
                    }
                }
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            switch (opcode) {
                case Opcodes.NEW -> stack.push(OperandStack.OTHER);
                case Opcodes.CHECKCAST -> { } // ((OrderRepository) this).insert(o) is still this
                default -> { // ANEWARRAY, INSTANCEOF
                    stack.pop(1);
                    stack.push(OperandStack.OTHER);
                }
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            int size = Type.getType(descriptor).getSize();
            switch (opcode) {
                case Opcodes.GETSTATIC -> stack.pushOther(size);
                case Opcodes.PUTSTATIC -> stack.pop(size);
                case Opcodes.GETFIELD -> {
                    stack.pop(1);
                    stack.pushOther(size);
                }
                default -> stack.pop(1 + size); // PUTFIELD
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            int sizes = Type.getArgumentsAndReturnSizes(descriptor);
            int argumentSlots = (sizes >> 2) - 1; // the sizes count a receiver
            if (opcode != Opcodes.INVOKESTATIC) {
                String key = name + descriptor;
                String callee = advised.get(key);
                if (callee != null && owners.contains(owner) && stack.peek(argumentSlots) == OperandStack.THIS) {
                    found.add(new SelfInvocation(caller, callee, key));
                }
                stack.pop(argumentSlots + 1);
            } else {
                stack.pop(argumentSlots);
            }
            stack.pushOther(sizes & 0x3);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            int sizes = Type.getArgumentsAndReturnSizes(descriptor);
            stack.pop((sizes >> 2) - 1);
            stack.pushOther(sizes & 0x3);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (opcode >= Opcodes.IF_ICMPEQ && opcode <= Opcodes.IF_ACMPNE) {
                stack.pop(2);
            } else if (opcode == Opcodes.JSR) {
                stack.push(OperandStack.OTHER);
            } else if (opcode != Opcodes.GOTO) {
                stack.pop(1); // IFEQ ... IFLE, IFNULL, IFNONNULL
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            stack.pushOther(value instanceof Long || value instanceof Double ? 2 : 1);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            stack.pop(1);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            stack.pop(1);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            stack.pop(numDimensions);
            stack.push(OperandStack.OTHER);
        }
    }
}
