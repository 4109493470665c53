import { Text, View } from "@react-pdf/renderer";
import { styles } from "./styles";

export type PageRecorder = (sectionId: string, pageNumber: number) => void;

/**
 * A section's heading. With `onPage`, an empty dynamic marker beside it tells the page it landed on
 * (react-pdf calls a pending dynamic node's render prop on every page until it is placed): the first
 * pass of the two-pass TOC. The heading itself stays static text: a dynamic node is measured before its
 * content exists, so a dynamic heading at a page's foot can be placed with no room and vanish. The
 * unbreakable View keeps marker and heading on the same page.
 */
export function SectionHeading({ id, label, onPage }: { id: string; label: string; onPage?: PageRecorder }) {
  return (
    <View wrap={false} minPresenceAhead={48}>
      {onPage ? (
        <Text
          style={{ fontSize: 1 }}
          render={({ pageNumber }) => {
            onPage(id, pageNumber);
            return "";
          }}
        />
      ) : null}
      <Text style={styles.h1}>{label}</Text>
    </View>
  );
}
