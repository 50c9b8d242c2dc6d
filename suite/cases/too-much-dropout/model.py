# suite case too-much-dropout: dropout 0.9 and l2(1.0)
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Conv2D, MaxPooling2D
from keras import optimizers, regularizers, initializers

model = Sequential()
model.add(Dense(64, activation='relu', input_dim=2, kernel_regularizer=regularizers.l2(1.0)))
model.add(Dropout(0.9))
model.add(Dense(64, activation='relu', kernel_regularizer=regularizers.l2(1.0)))
model.add(Dropout(0.9))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=10, batch_size=16)
