export const remediation = {
  placeholder: "",
};
