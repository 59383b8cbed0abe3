/**
 * Hands a text file to the user: a Blob behind a temporary `<a download>`. Works in Electron
 * (its download handling asks where to save) and in the browser shell alike.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // After the click has been handled: revoking at once can cancel the download.
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
