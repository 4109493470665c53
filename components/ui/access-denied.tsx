import { StateMessage } from "@/components/ui/state-message";

export function AccessDenied({ role, permission }: { role: string; permission: string }) {
  return (
    <StateMessage kind="error">
      Your role ({role}) cannot open this page; it needs &quot;{permission}&quot;. Ask an admin if you need it.
    </StateMessage>
  );
}
