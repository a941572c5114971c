import { readFileSync } from 'node:fs';
import {
  DockerfileParser,
  JSONInstruction,
  type ImageTemplate,
  type Instruction,
  type Property,
  PropertyInstruction,
} from 'dockerfile-ast';

/** Present on the parser's Dockerfile class, missing from its exported interface. */
type WithHierarchy = { getStageHierarchy(line: number): ImageTemplate[] };

/** One instruction of the final stage, with its 1-based line. */
export interface DockerfileInstruction {
  keyword: string;
  line: number;
  /** Exec (JSON array) form, for ENTRYPOINT / CMD / RUN. */
  jsonForm: boolean;
  args: string;
  /** ENV / LABEL / ARG properties. */
  properties: { name: string; value: string; line: number }[];
}

export interface DockerfileFacts {
  file: string;
  /** Instructions that shape the final image: the final (or target) stage and the stages it is built FROM. */
  finalStage: DockerfileInstruction[];
  /** Line of the final stage's FROM, where a missing instruction is reported. */
  fromLine: number;
}

export function parseDockerfile(file: string, target: string): DockerfileFacts {
  const doc = DockerfileParser.parse(readFileSync(file, 'utf8'));
  const froms = doc.getFROMs();
  const from = (target ? froms.find((f) => f.getBuildStage() === target) : froms.at(-1)) ?? froms.at(-1);
  if (!from) return { file, finalStage: [], fromLine: 1 };
  const fromLine = from.getRange().start.line;
  // Stages this one is FROM, outermost first, then this stage itself.
  const stages = (doc as unknown as WithHierarchy).getStageHierarchy(fromLine);
  const finalStage = stages.flatMap((stage) => stage.getInstructions().map(toFacts));
  return { file, finalStage, fromLine: fromLine + 1 };
}

function toFacts(i: Instruction): DockerfileInstruction {
  const keyword = i.getKeyword().toUpperCase();
  const props: Property[] = i instanceof PropertyInstruction ? i.getProperties() : [];
  return {
    keyword,
    line: i.getRange().start.line + 1,
    jsonForm: i instanceof JSONInstruction && i.getJSONStrings().length > 0,
    args: i.getArgumentsContent() ?? '',
    properties: props.map((p) => ({ name: p.getName(), value: p.getValue() ?? '', line: p.getRange().start.line + 1 })),
  };
}

/** The last instruction with this keyword in the final stage (the one that wins). */
export function lastInstruction(facts: DockerfileFacts, keyword: string): DockerfileInstruction | undefined {
  return facts.finalStage.filter((i) => i.keyword === keyword).at(-1);
}
