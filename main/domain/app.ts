// The app's own facts and the text files it opens and saves. Types only.

export interface DataLicence {
  file: string;
  title: string;
  licence: string;
  attribution: string;
  url: string;
}

export interface AppInfo {
  name: string;
  version: string;
  schemaVersion: number;
  dataDir: string;
  licences: DataLicence[];
}

/** A text file the user opened or is about to save; the renderer never sees paths. */
export interface TextFile {
  fileName: string;
  text: string;
}
