import { Text } from "@react-pdf/renderer";
import { styles } from "./styles";

export type PageRecorder = (sectionId: string, pageNumber: number) => void;

/**
 * A section's heading. With `onPage`, the layout tells it the page it landed on (react-pdf calls the
 * render prop of a dynamic node once it is placed on a page): the first pass of the two-pass TOC.
 */
export function SectionHeading({ id, label, onPage }: { id: string; label: string; onPage?: PageRecorder }) {
  if (!onPage) {
    return (
      <Text style={styles.h1}>
        {label}
      </Text>
    );
  }
  return (
    <Text
      style={styles.h1}
     
      render={({ pageNumber }) => {
        onPage(id, pageNumber);
        return label;
      }}
    />
  );
}
