export const audit = {
};
